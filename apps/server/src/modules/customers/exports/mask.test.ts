import { describe, expect, it } from 'vitest'
import { maskBankCustomerNo, maskExternalUserId, maskName, maskPhone } from './mask'

describe('export masking', () => {
  it.each([['张三丰', '张**'], ['张三', '张*'], ['李', '*'], ['', ''], ['Ann Lee', 'A******'], ['😀小明', '😀**']])('name %s → %s', (from, to) => expect(maskName(from)).toBe(to))
  it.each([['13812341234', '138****1234'], ['+8613812341234', '+86*******1234'], ['5551234', '***1234'], [null, '']])('phone %s → %s', (from, to) => expect(maskPhone(from)).toBe(to))
  it.each([['6222020200112233', '************2233'], ['1234', '****'], [null, '']])('bank customer no %s → %s', (from, to) => expect(maskBankCustomerNo(from)).toBe(to))
  it.each([['wmAbCdEfGhIjKlMn', 'wmAb********KlMn'], ['wm1234', 'wm****']])('external_userid %s → %s', (from, to) => expect(maskExternalUserId(from)).toBe(to))
})
