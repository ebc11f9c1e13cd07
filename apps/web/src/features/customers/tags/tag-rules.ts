/** WeCom's rules for the corp tag library, mirrored for early feedback (the server checks again). */
export const TAG_RULES = {
  /** Corp tags per corp, strategy tags included. */
  corpLimit: 3000,
  nameMax: 30,
  /** Tags per create / add request. */
  batchMax: 100,
} as const

/** Typed or pasted names: split on commas, 、, semicolons or new lines; trimmed, empty and repeated ones dropped. */
export const splitTagNames = (text: string) => [...new Set(text.split(/[,，、;；\n]+/).map((s) => s.trim()).filter(Boolean))]

export const tooLong = (names: string[]) => names.find((name) => name.length > TAG_RULES.nameMax)
