/**
 * Masking of personal data in exports (unless the actor holds customers.export.unmasked). Pure functions on
 * code points, so a Chinese name or an emoji is one character.
 */
const chars = (s: string) => Array.from(s)

/** 张三丰 → 张**: the first character, a star for each of the others (a one-character name shows as *). */
export const maskName = (name: string) => {
  const c = chars(name)
  return c.length === 0 ? '' : c.length === 1 ? '*' : c[0] + '*'.repeat(c.length - 1)
}

/** 13812341234 → 138****1234; shorter numbers keep only their last 4 digits. */
export const maskPhone = (phone: string | null) => {
  if (!phone) return ''
  if (phone.length >= 11) return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4)
  return '*'.repeat(Math.max(phone.length - 4, 0)) + phone.slice(-4)
}

/** All but the last 4 characters. */
export const maskBankCustomerNo = (no: string | null) => {
  if (!no) return ''
  const c = chars(no)
  return c.length <= 4 ? '*'.repeat(c.length) : '*'.repeat(c.length - 4) + c.slice(-4).join('')
}

/** The middle of WeCom's id: the first and last 4 stay so a row can still be told apart. */
export const maskExternalUserId = (id: string) =>
  id.length <= 8 ? id.slice(0, 2) + '*'.repeat(Math.max(id.length - 2, 0)) : id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4)
