import { describe, expect, it } from 'vitest'
import { fromWire, toWire, tsKeyToWire, wireKeyToTs } from './case'

// Wire keys from CONTRACT §3, §11–§13 and their TypeScript names.
const PAIRS: [wire: string, ts: string][] = [
  ['userid', 'userid'],
  ['agentid', 'agentid'],
  ['invaliduser', 'invaliduser'],
  ['picurl', 'picurl'],
  ['external_userid', 'externalUserId'],
  ['userid_list', 'userIdList'],
  ['oper_userid', 'operUserId'],
  ['open_userid', 'openUserId'],
  ['handover_userid', 'handoverUserId'],
  ['takeover_userid', 'takeoverUserId'],
  ['transfer_success_msg', 'transferSuccessMsg'],
  ['dimission_time', 'dimissionTime'],
  ['remark_pic_mediaid', 'remarkPicMediaId'],
  ['pic_media_id', 'picMediaId'],
  ['media_id', 'mediaId'],
  ['qr_code', 'qrCode'],
  ['is_leader_in_dept', 'isLeaderInDept'],
  ['enable_id_trans', 'enableIdTrans'],
  ['department_id', 'departmentId'],
  ['config_id', 'configId'],
  ['chat_expires_in', 'chatExpiresIn'],
]

describe('wire key mapping', () => {
  it.each(PAIRS)('%s ↔ %s', (wire, ts) => {
    expect(wireKeyToTs(wire)).toBe(ts)
    expect(tsKeyToWire(ts)).toBe(wire)
  })

  it('converts nested objects and arrays, dropping undefined', () => {
    const wire = { external_contact_list: [{ follow_info: { tag_id: ['et1'], remark_mobiles: [] } }], next_cursor: 'c' }
    const ts = fromWire<Record<string, unknown>>(wire)
    expect(ts).toStrictEqual({ externalContactList: [{ followInfo: { tagId: ['et1'], remarkMobiles: [] } }], nextCursor: 'c' })
    expect(toWire({ ...ts, skip: undefined })).toStrictEqual(wire)
  })

  it('cannot be tricked into touching the prototype', () => {
    const converted = fromWire<Record<string, unknown>>(JSON.parse('{"__proto__": {"polluted": true}}'))
    expect(Object.getPrototypeOf(converted)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })
})
