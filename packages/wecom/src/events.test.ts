import { describe, expect, it } from 'vitest'
import { callbackDedupeKey, parseWeComEvent, WeComEventParseError } from './events'

const header = (event: string) =>
  `<ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>` +
  `<CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${event}]]></Event>`
const xml = (event: string, body: string) => `<xml>${header(event)}${body}</xml>`
const common = { toUserName: 'ww1436e0e65a779aee', fromUserName: 'sys', createTime: 1403610513, msgType: 'event' }

describe('parseWeComEvent — change_external_contact', () => {
  const contact = (changeType: string, extra = '') =>
    xml('change_external_contact',
      `<ChangeType><![CDATA[${changeType}]]></ChangeType><UserID><![CDATA[zhangsan]]></UserID>` +
      `<ExternalUserID><![CDATA[woAJ2GCAAAXtWyujaWJHDDGi0mAAAA]]></ExternalUserID>${extra}`)
  const ids = { ...common, event: 'change_external_contact', userId: 'zhangsan', externalUserId: 'woAJ2GCAAAXtWyujaWJHDDGi0mAAAA' }

  it('add_external_contact carries state and welcome code', () => {
    const event = parseWeComEvent(contact('add_external_contact',
      '<State><![CDATA[teststate]]></State><WelcomeCode><![CDATA[WELCOMECODE]]></WelcomeCode>'))
    expect(event).toStrictEqual({ ...ids, changeType: 'add_external_contact', state: 'teststate', welcomeCode: 'WELCOMECODE' })
  })

  it('add_external_contact without a welcome code leaves it undefined', () => {
    const event = parseWeComEvent(contact('add_external_contact'))
    expect(event).toStrictEqual({ ...ids, changeType: 'add_external_contact' })
  })

  it('add_half_external_contact, edit_external_contact and del_follow_user', () => {
    expect(parseWeComEvent(contact('add_half_external_contact', '<State>s1</State><WelcomeCode>W2</WelcomeCode>')))
      .toStrictEqual({ ...ids, changeType: 'add_half_external_contact', state: 's1', welcomeCode: 'W2' })
    expect(parseWeComEvent(contact('edit_external_contact'))).toStrictEqual({ ...ids, changeType: 'edit_external_contact' })
    expect(parseWeComEvent(contact('del_follow_user'))).toStrictEqual({ ...ids, changeType: 'del_follow_user' })
  })

  it('del_external_contact carries Source', () => {
    expect(parseWeComEvent(contact('del_external_contact', '<Source><![CDATA[DELETE_BY_TRANSFER]]></Source>')))
      .toStrictEqual({ ...ids, changeType: 'del_external_contact', source: 'DELETE_BY_TRANSFER' })
  })

  it('transfer_fail carries FailReason', () => {
    expect(parseWeComEvent(contact('transfer_fail', '<FailReason><![CDATA[customer_refused]]></FailReason>')))
      .toStrictEqual({ ...ids, changeType: 'transfer_fail', failReason: 'customer_refused' })
  })

  it('msg_audit_approved carries a welcome code', () => {
    expect(parseWeComEvent(contact('msg_audit_approved', '<WelcomeCode>WC</WelcomeCode>')))
      .toStrictEqual({ ...ids, changeType: 'msg_audit_approved', welcomeCode: 'WC' })
  })

  it('keeps numeric-looking ids as strings, leading zeros included', () => {
    const event = parseWeComEvent(xml('change_external_contact',
      '<ChangeType>del_follow_user</ChangeType><UserID>007</UserID><ExternalUserID>12345678901234567890</ExternalUserID>'))
    expect(event).toMatchObject({ userId: '007', externalUserId: '12345678901234567890' })
  })

  it('falls back to unknown when the ids are missing', () => {
    const event = parseWeComEvent(xml('change_external_contact', '<ChangeType>add_external_contact</ChangeType>'))
    expect(event).toMatchObject({ event: 'unknown', eventName: 'change_external_contact', changeType: 'add_external_contact' })
  })
})

describe('parseWeComEvent — change_external_chat', () => {
  const chat = (body: string) => xml('change_external_chat', `<ChatId><![CDATA[wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA]]></ChatId>${body}`)
  const base = { ...common, event: 'change_external_chat', chatId: 'wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA' }

  it('create and dismiss carry only the chat id', () => {
    expect(parseWeComEvent(chat('<ChangeType><![CDATA[create]]></ChangeType>'))).toStrictEqual({ ...base, changeType: 'create' })
    expect(parseWeComEvent(chat('<ChangeType>dismiss</ChangeType>'))).toStrictEqual({ ...base, changeType: 'dismiss' })
  })

  it('update add_member with one Item (real 2026 payload shape)', () => {
    const event = parseWeComEvent(chat(
      '<ChangeType>update</ChangeType><UpdateDetail>add_member</UpdateDetail><JoinScene>3</JoinScene>' +
      '<MemChangeCnt>1</MemChangeCnt><MemChangeList><Item><![CDATA[wmxUBwDQAAO-Hn5_wFJz4wvo5TxLFibw]]></Item></MemChangeList>' +
      '<LastMemVer>5807afd2aaaa</LastMemVer><CurMemVer>ea36e8b6bbbb</CurMemVer>'))
    expect(event).toStrictEqual({
      ...base,
      changeType: 'update',
      updateDetail: 'add_member',
      joinScene: 3,
      memChangeCnt: 1,
      memChangeList: ['wmxUBwDQAAO-Hn5_wFJz4wvo5TxLFibw'],
      lastMemVer: '5807afd2aaaa',
      curMemVer: 'ea36e8b6bbbb',
    })
  })

  it('update del_member with several Items and a quit scene', () => {
    const event = parseWeComEvent(chat(
      '<ChangeType>update</ChangeType><UpdateDetail><![CDATA[del_member]]></UpdateDetail><QuitScene>1</QuitScene>' +
      '<MemChangeCnt>3</MemChangeCnt><MemChangeList><Item>wm1</Item><Item><![CDATA[zhangsan]]></Item><Item>0042</Item></MemChangeList>'))
    expect(event).toMatchObject({ updateDetail: 'del_member', quitScene: 1, memChangeCnt: 3, memChangeList: ['wm1', 'zhangsan', '0042'] })
  })

  it('accepts the comma-separated MemChangeList encoding', () => {
    const event = parseWeComEvent(chat(
      '<ChangeType>update</ChangeType><UpdateDetail>add_member</UpdateDetail><MemChangeList><![CDATA[id1,id2]]></MemChangeList>'))
    expect(event).toMatchObject({ memChangeList: ['id1', 'id2'] })
  })

  it('update without member fields has an empty member list', () => {
    const event = parseWeComEvent(chat('<ChangeType>update</ChangeType><UpdateDetail>change_name</UpdateDetail>'))
    expect(event).toStrictEqual({ ...base, changeType: 'update', updateDetail: 'change_name', memChangeList: [] })
  })

  it('ignores a non-numeric scene instead of producing NaN', () => {
    const event = parseWeComEvent(chat('<ChangeType>update</ChangeType><UpdateDetail>add_member</UpdateDetail><JoinScene>x</JoinScene>'))
    expect(event).not.toHaveProperty('joinScene')
  })
})

describe('parseWeComEvent — change_external_tag', () => {
  const base = { ...common, event: 'change_external_tag' }

  it.each(['create', 'update', 'delete'])('%s carries id and tag type', (changeType) => {
    const event = parseWeComEvent(xml('change_external_tag',
      `<Id><![CDATA[etXXX]]></Id><TagType><![CDATA[tag_group]]></TagType><ChangeType>${changeType}</ChangeType>`))
    expect(event).toStrictEqual({ ...base, changeType, id: 'etXXX', tagType: 'tag_group' })
  })

  it('shuffle carries a strategy id and may omit the id', () => {
    expect(parseWeComEvent(xml('change_external_tag', '<ChangeType>shuffle</ChangeType><StrategyId>1</StrategyId>')))
      .toStrictEqual({ ...base, changeType: 'shuffle', strategyId: '1' })
  })
})

describe('parseWeComEvent — change_contact', () => {
  const base = { ...common, event: 'change_contact' }

  it('create_user with the main fields', () => {
    const event = parseWeComEvent(xml('change_contact',
      '<ChangeType>create_user</ChangeType><UserID><![CDATA[zhangsan]]></UserID><Name>张三</Name>' +
      '<Department><![CDATA[1,2]]></Department><MainDepartment>1</MainDepartment><IsLeaderInDept>1,0</IsLeaderInDept>' +
      '<DirectLeader>lisi,wangwu</DirectLeader><Gender>1</Gender><Status>4</Status><IsLeader>1</IsLeader>'))
    expect(event).toStrictEqual({
      ...base, changeType: 'create_user', userId: 'zhangsan', name: '张三', department: [1, 2], mainDepartment: 1,
      isLeaderInDept: [1, 0], directLeader: ['lisi', 'wangwu'], gender: '1', status: 4,
    })
  })

  it('update_user with a renamed userid, delete_user', () => {
    expect(parseWeComEvent(xml('change_contact', '<ChangeType>update_user</ChangeType><UserID>a</UserID><NewUserID>b</NewUserID>')))
      .toStrictEqual({ ...base, changeType: 'update_user', userId: 'a', newUserId: 'b' })
    expect(parseWeComEvent(xml('change_contact', '<ChangeType>delete_user</ChangeType><UserID>a</UserID>')))
      .toStrictEqual({ ...base, changeType: 'delete_user', userId: 'a' })
  })

  it('party events', () => {
    expect(parseWeComEvent(xml('change_contact', '<ChangeType>create_party</ChangeType><Id>2</Id><Name>R&amp;D</Name><ParentId>1</ParentId><Order>100</Order>')))
      .toStrictEqual({ ...base, changeType: 'create_party', id: 2, name: 'R&D', parentId: 1, order: 100 })
    expect(parseWeComEvent(xml('change_contact', '<ChangeType>update_party</ChangeType><Id>2</Id><ParentId>3</ParentId>')))
      .toStrictEqual({ ...base, changeType: 'update_party', id: 2, parentId: 3 })
    expect(parseWeComEvent(xml('change_contact', '<ChangeType>delete_party</ChangeType><Id>2</Id>')))
      .toStrictEqual({ ...base, changeType: 'delete_party', id: 2 })
  })

  it('update_tag splits the item lists', () => {
    expect(parseWeComEvent(xml('change_contact',
      '<ChangeType><![CDATA[update_tag]]></ChangeType><TagId>7</TagId><AddUserItems><![CDATA[a,b]]></AddUserItems><DelPartyItems>4</DelPartyItems>')))
      .toStrictEqual({ ...base, changeType: 'update_tag', tagId: 7, addUserItems: ['a', 'b'], delUserItems: [], addPartyItems: [], delPartyItems: [4] })
  })
})

describe('parseWeComEvent — fallbacks and errors', () => {
  it('a plain text message is unknown, with the raw fields as strings', () => {
    const event = parseWeComEvent('<xml><ToUserName>ww1</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1476422779</CreateTime>' +
      '<MsgType>text</MsgType><Content>你好</Content><MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>')
    expect(event).toStrictEqual({
      event: 'unknown', toUserName: 'ww1', fromUserName: 'ChenJiaShun', createTime: 1476422779, msgType: 'text', agentId: 1000002,
      raw: { ToUserName: 'ww1', FromUserName: 'ChenJiaShun', CreateTime: '1476422779', MsgType: 'text', Content: '你好', MsgId: '1456453720', AgentID: '1000002' },
    })
  })

  it('unknown events and change types are unknown', () => {
    expect(parseWeComEvent(xml('customer_acquisition', '<ChangeType>balance_low</ChangeType>')))
      .toMatchObject({ event: 'unknown', eventName: 'customer_acquisition', changeType: 'balance_low' })
    expect(parseWeComEvent(xml('change_external_chat', '<ChatId>wr1</ChatId><ChangeType>merge</ChangeType>')))
      .toMatchObject({ event: 'unknown', changeType: 'merge' })
  })

  it('tolerates unknown elements, nested ones included', () => {
    const event = parseWeComEvent(xml('change_external_contact',
      '<ChangeType>del_follow_user</ChangeType><Future><Deep>1</Deep></Future><UserID>u</UserID><ExternalUserID>wm</ExternalUserID>'))
    expect(event).toMatchObject({ event: 'change_external_contact', changeType: 'del_follow_user', userId: 'u' })
  })

  it('throws on malformed XML or a missing CreateTime', () => {
    expect(() => parseWeComEvent('<xml><ToUserName>x</xml>')).toThrow(WeComEventParseError)
    expect(() => parseWeComEvent('<xml><MsgType>event</MsgType></xml>')).toThrow(WeComEventParseError)
    expect(() => parseWeComEvent('<root><CreateTime>1</CreateTime></root>')).toThrow(WeComEventParseError)
  })
})

describe('callbackDedupeKey', () => {
  it('is the SHA-1 of the decrypted XML and tells same-second events apart', () => {
    const tag = (id: string) => xml('change_external_tag', `<Id>${id}</Id><TagType>tag</TagType><ChangeType>create</ChangeType>`)
    expect(callbackDedupeKey('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d')
    expect(callbackDedupeKey(tag('et1'))).toBe(callbackDedupeKey(tag('et1')))
    expect(callbackDedupeKey(tag('et1'))).not.toBe(callbackDedupeKey(tag('et2')))
  })
})
