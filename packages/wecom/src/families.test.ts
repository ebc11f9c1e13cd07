import { describe, expect, it } from 'vitest'
import type { Handler } from './fake-wecom.test-helper'
import { clientOnFake, ok } from './fake-wecom.test-helper'

const setup = (handlers: Record<string, Handler>, agentId?: number) => clientOnFake(handlers, agentId ? { agentId } : {})

describe('externalContact', () => {
  it('get: GET with query params, reply mapped to camelCase', async () => {
    const { client, last } = setup({
      'externalcontact/get': () => ok({
        external_contact: { external_userid: 'wmA', name: '李四', type: 1, corp_full_name: 'X Co', external_profile: { external_attr: [] } },
        follow_user: [{ userid: 'rocky', createtime: 1525779812, oper_userid: 'rocky', add_way: 1, state: 's1',
          tags: [{ group_name: 'G', tag_name: 'T', tag_id: 'et1', type: 1 }] }],
        next_cursor: '',
      }),
    })
    const detail = await client.externalContact.get('wmA', 'cur1')
    expect(last('externalcontact/get').method).toBe('GET')
    expect(Object.fromEntries(last('externalcontact/get').query)).toMatchObject({ external_userid: 'wmA', cursor: 'cur1' })
    expect(detail).toStrictEqual({
      externalContact: { externalUserId: 'wmA', name: '李四', type: 1, corpFullName: 'X Co', externalProfile: { externalAttr: [] } },
      followUser: [{ userid: 'rocky', createtime: 1525779812, operUserId: 'rocky', addWay: 1, state: 's1',
        tags: [{ groupName: 'G', tagName: 'T', tagId: 'et1', type: 1 }] }],
      nextCursor: undefined,
    })
  })

  it('batchGetByUser and remark use the wire names', async () => {
    const { client, json } = setup({
      'externalcontact/batch/get_by_user': () => ok({
        external_contact_list: [{ external_contact: { external_userid: 'wmA', name: 'n', type: 1 },
          follow_info: { userid: 'u', createtime: 1, tag_id: ['et1'], remark_mobiles: [] } }],
        next_cursor: 'next',
      }),
      'externalcontact/remark': () => ok(),
    })
    const page = await client.externalContact.batchGetByUser({ userIdList: ['u'], limit: 100 })
    expect(json('externalcontact/batch/get_by_user')).toStrictEqual({ userid_list: ['u'], limit: 100 })
    expect(page.externalContactList[0]?.followInfo.tagId).toStrictEqual(['et1'])
    expect(page.nextCursor).toBe('next')
    await client.externalContact.remark({ userid: 'u', externalUserId: 'wmA', remarkCompany: 'C', remarkPicMediaId: 'M' })
    expect(json('externalcontact/remark')).toStrictEqual({ userid: 'u', external_userid: 'wmA', remark_company: 'C', remark_pic_mediaid: 'M' })
  })

  it('sendWelcomeMsg maps every attachment type', async () => {
    const { client, json } = setup({ 'externalcontact/send_welcome_msg': () => ok() })
    await client.externalContact.sendWelcomeMsg({
      welcomeCode: 'WC',
      text: { content: 'hi' },
      attachments: [
        { msgtype: 'image', image: { mediaId: 'm1' } },
        { msgtype: 'image', image: { picUrl: 'https://p/1' } },
        { msgtype: 'link', link: { title: 't', picurl: 'https://p/2', desc: 'd', url: 'https://u' } },
        { msgtype: 'miniprogram', miniprogram: { title: 't', picMediaId: 'm2', appid: 'wx1', page: '/p' } },
        { msgtype: 'video', video: { mediaId: 'm3' } },
        { msgtype: 'file', file: { mediaId: 'm4' } },
      ],
    })
    expect(json('externalcontact/send_welcome_msg')).toStrictEqual({
      welcome_code: 'WC',
      text: { content: 'hi' },
      attachments: [
        { msgtype: 'image', image: { media_id: 'm1' } },
        { msgtype: 'image', image: { pic_url: 'https://p/1' } },
        { msgtype: 'link', link: { title: 't', picurl: 'https://p/2', desc: 'd', url: 'https://u' } },
        { msgtype: 'miniprogram', miniprogram: { title: 't', pic_media_id: 'm2', appid: 'wx1', page: '/p' } },
        { msgtype: 'video', video: { media_id: 'm3' } },
        { msgtype: 'file', file: { media_id: 'm4' } },
      ],
    })
  })
})

describe('contactWay', () => {
  it('add, get, update, del and list', async () => {
    const { client, json } = setup({
      'externalcontact/add_contact_way': () => ok({ config_id: 'cfg1', qr_code: 'https://qr/1' }),
      'externalcontact/get_contact_way': () => ok({ contact_way: { config_id: 'cfg1', type: 1, scene: 2, skip_verify: true, state: 's', user: ['u'], is_temp: false } }),
      'externalcontact/update_contact_way': () => ok(),
      'externalcontact/del_contact_way': () => ok(),
      'externalcontact/list_contact_way': () => ok({ contact_way: [{ config_id: 'cfg1' }, { config_id: 'cfg2' }], next_cursor: 'c' }),
    })
    expect(await client.contactWay.add({ type: 1, scene: 2, skipVerify: true, state: 's', user: ['u'], isTemp: false }))
      .toStrictEqual({ configId: 'cfg1', qrCode: 'https://qr/1' })
    expect(json('externalcontact/add_contact_way')).toStrictEqual({ type: 1, scene: 2, skip_verify: true, state: 's', user: ['u'], is_temp: false })
    expect(await client.contactWay.get('cfg1')).toMatchObject({ configId: 'cfg1', skipVerify: true, isTemp: false })
    expect(json('externalcontact/get_contact_way')).toStrictEqual({ config_id: 'cfg1' })
    await client.contactWay.update({ configId: 'cfg1', chatExpiresIn: 3600, party: [2] })
    expect(json('externalcontact/update_contact_way')).toStrictEqual({ config_id: 'cfg1', chat_expires_in: 3600, party: [2] })
    await client.contactWay.del('cfg1')
    expect(json('externalcontact/del_contact_way')).toStrictEqual({ config_id: 'cfg1' })
    expect(await client.contactWay.list({ startTime: 1, limit: 2 })).toStrictEqual({ configIds: ['cfg1', 'cfg2'], nextCursor: 'c' })
    expect(json('externalcontact/list_contact_way')).toStrictEqual({ start_time: 1, limit: 2 })
  })
})

describe('tags', () => {
  it('getCorpTagList, addCorpTag, editCorpTag, delCorpTag', async () => {
    const group = { group_id: 'etG', group_name: 'Level', create_time: 1, order: 0, tag: [{ id: 'et1', name: 'VIP', create_time: 1, order: 2 }] }
    const { client, json } = setup({
      'externalcontact/get_corp_tag_list': () => ok({ tag_group: [group] }),
      'externalcontact/add_corp_tag': () => ok({ tag_group: group }),
      'externalcontact/edit_corp_tag': () => ok(),
      'externalcontact/del_corp_tag': () => ok(),
    })
    const expected = { groupId: 'etG', groupName: 'Level', createTime: 1, order: 0, tag: [{ id: 'et1', name: 'VIP', createTime: 1, order: 2 }] }
    expect(await client.tags.getCorpTagList({ groupId: ['etG'] })).toStrictEqual([expected])
    expect(json('externalcontact/get_corp_tag_list')).toStrictEqual({ group_id: ['etG'] })
    expect(await client.tags.addCorpTag({ groupName: 'Level', tag: [{ name: 'VIP', order: 2 }] })).toStrictEqual(expected)
    expect(json('externalcontact/add_corp_tag')).toStrictEqual({ group_name: 'Level', tag: [{ name: 'VIP', order: 2 }] })
    await client.tags.editCorpTag({ id: 'et1', name: 'VVIP' })
    expect(json('externalcontact/edit_corp_tag')).toStrictEqual({ id: 'et1', name: 'VVIP' })
    await client.tags.delCorpTag({ tagId: ['et1'] })
    expect(json('externalcontact/del_corp_tag')).toStrictEqual({ tag_id: ['et1'] })
  })
})

describe('org', () => {
  it('departments and members', async () => {
    const { client, last, json } = setup({
      'department/list': () => ok({ department: [{ id: 2, name: 'R&D', name_en: 'RD', department_leader: ['a'], parentid: 1, order: 10 }] }),
      'department/simplelist': () => ok({ department_id: [{ id: 2, parentid: 1, order: 10 }] }),
      'department/get': () => ok({ department: { id: 2, name: 'R&D', parentid: 1, order: 10 } }),
      'user/get': () => ok({ userid: 'zhangsan', name: '张三', department: [1, 2], gender: '1', is_leader_in_dept: [1, 0], main_department: 1, status: 1 }),
      'user/simplelist': () => ok({ userlist: [{ userid: 'zhangsan', name: '张三', department: [2] }] }),
      'user/list': () => ok({ userlist: [{ userid: 'zhangsan', thumb_avatar: 'x/100' }] }),
      'user/list_id': () => ok({ next_cursor: '', dept_user: [{ userid: 'zhangsan', department: 1 }, { userid: 'zhangsan', department: 2 }] }),
    })
    expect(await client.org.departmentList(1)).toStrictEqual([{ id: 2, name: 'R&D', nameEn: 'RD', departmentLeader: ['a'], parentid: 1, order: 10 }])
    expect(last('department/list').query.get('id')).toBe('1')
    expect(await client.org.departmentSimpleList()).toStrictEqual([{ id: 2, parentid: 1, order: 10 }])
    expect(last('department/simplelist').query.has('id')).toBe(false)
    expect(await client.org.departmentGet(2)).toMatchObject({ id: 2, name: 'R&D' })
    expect(await client.org.userGet('zhangsan')).toStrictEqual({
      userid: 'zhangsan', name: '张三', department: [1, 2], gender: '1', isLeaderInDept: [1, 0], mainDepartment: 1, status: 1,
    })
    expect(await client.org.userSimpleList(2)).toHaveLength(1)
    expect(last('user/simplelist').query.get('department_id')).toBe('2')
    expect(await client.org.userList(2)).toStrictEqual([{ userid: 'zhangsan', thumbAvatar: 'x/100' }])
    expect(await client.org.userListId({ limit: 10 })).toStrictEqual({
      deptUser: [{ userid: 'zhangsan', department: 1 }, { userid: 'zhangsan', department: 2 }], nextCursor: undefined,
    })
    expect(json('user/list_id')).toStrictEqual({ limit: 10 })
  })
})

describe('message', () => {
  it('send joins recipients, defaults agentid and splits the partial-failure lists', async () => {
    const { client, json } = setup({
      'message/send': () => ok({ invaliduser: 'userid1 | userid2', invalidparty: '', unlicenseduser: 'u3', msgid: 'm1', response_code: 'rc' }),
    }, 1000002)
    const reply = await client.message.send({
      touser: ['UserA', 'UserB'],
      toparty: [2, 3],
      msgtype: 'template_card',
      templateCard: { cardType: 'text_notice', mainTitle: { title: 'T' }, cardAction: { type: 1, url: 'https://x' } },
      enableDuplicateCheck: true,
      duplicateCheckInterval: 600,
    })
    expect(json('message/send')).toStrictEqual({
      touser: 'UserA|UserB',
      toparty: '2|3',
      agentid: 1000002,
      msgtype: 'template_card',
      template_card: { card_type: 'text_notice', main_title: { title: 'T' }, card_action: { type: 1, url: 'https://x' } },
      enable_duplicate_check: 1,
      duplicate_check_interval: 600,
    })
    expect(reply).toStrictEqual({
      invaliduser: ['userid1', 'userid2'], invalidparty: [], invalidtag: [], unlicenseduser: ['u3'], msgid: 'm1', responseCode: 'rc',
    })
  })

  it('send without any agentid is refused before calling WeCom', async () => {
    const { client } = setup({ 'message/send': () => ok() })
    await expect(client.message.send({ touser: '@all', msgtype: 'text', text: { content: 'x' } })).rejects.toThrow(/agentid/)
  })
})

describe('media', () => {
  it('upload sends one multipart part named media and normalises created_at', async () => {
    const { client, last } = setup({
      'media/upload': () => ({ errcode: 0, errmsg: '', type: 'image', media_id: 'MID', created_at: '1380000000' }),
      'media/uploadimg': () => ({ errcode: 0, errmsg: '', url: 'http://p.qpic.cn/pic_wework/1/0' }),
    })
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])
    expect(await client.media.upload('image', 'logo.png', bytes)).toStrictEqual({ type: 'image', mediaId: 'MID', createdAt: 1380000000 })
    const request = last('media/upload')
    expect(request.method).toBe('POST')
    expect(request.query.get('type')).toBe('image')
    expect(request.query.get('access_token')).toBe('tok-1')
    const part = (request.body as FormData).get('media') as File
    expect(part.name).toBe('logo.png')
    expect(part.type).toBe('image/png')
    expect(new Uint8Array(await part.arrayBuffer())).toStrictEqual(bytes)
    expect(await client.media.uploadImg('a.jpg', bytes)).toStrictEqual({ url: 'http://p.qpic.cn/pic_wework/1/0' })
  })
})
