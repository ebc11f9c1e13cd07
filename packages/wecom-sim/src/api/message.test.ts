import { describe, expect, it } from 'vitest'
import { AGENT_ID, seededSims } from '../testing/harness'

const setup = seededSims()

describe('message/send (CONTRACT-MORE §12)', () => {
  it('delivers to valid users and reports the rest lower-cased', async () => {
    const { sim, call } = setup()
    const res = await call('message/send', { touser: 'zhangsan | LiSi|Ghost', msgtype: 'text', agentid: AGENT_ID, text: { content: '今日任务：回访 3 位客户' } })
    expect(res).toMatchObject({ errcode: 0, invaliduser: 'ghost', invalidparty: '', invalidtag: '' })
    expect(res.msgid).toEqual(expect.any(String))
    expect(sim.world.employeeInbox('zhangsan')).toEqual([expect.objectContaining({ kind: 'app', msgtype: 'text', body: { content: '今日任务：回访 3 位客户' } })])
    expect(sim.world.employeeInbox('lisi')).toHaveLength(1)
    expect(sim.world.employeeInbox('wangwu')).toHaveLength(0)
  })

  it('sends to @all and to departments, and issues response_code for interactive cards', async () => {
    const { sim, call } = setup()
    const card = { card_type: 'button_interaction', main_title: { title: '审批' }, task_id: 't1', button_list: [{ text: '同意', key: 'ok' }] }
    const res = await call('message/send', { touser: '@all', msgtype: 'template_card', agentid: AGENT_ID, template_card: card })
    expect(res).toMatchObject({ errcode: 0, response_code: expect.any(String) })
    expect(sim.world.listEmployees().every((e) => sim.world.employeeInbox(e.userid).length === 1)).toBe(true)
    const party = await call('message/send', { toparty: '2|77', msgtype: 'markdown', agentid: AGENT_ID, markdown: { content: '**周报**' } })
    expect(party).toMatchObject({ errcode: 0, invalidparty: '77' })
    expect(sim.world.employeeInbox('lisi')).toHaveLength(2)
  })

  it('drops, silently, what one member gets past 30 a minute and 1,000 an hour (CONTRACT-MORE §12.5)', async () => {
    const { sim, call, clock } = setup()
    const send = (n: number) => call('message/send', { touser: 'zhangsan|lisi', msgtype: 'text', agentid: AGENT_ID, text: { content: `第 ${n} 条` } })
    for (let i = 0; i < 31; i++) expect(await send(i)).toMatchObject({ errcode: 0, invaliduser: '' })
    expect(sim.world.employeeInbox('zhangsan')).toHaveLength(30)
    expect(sim.world.droppedAppMessages('zhangsan')).toBe(1)
    clock.advance(60_000)
    expect(await send(31)).toMatchObject({ errcode: 0 })
    expect(sim.world.employeeInbox('zhangsan').at(-1)).toMatchObject({ body: { content: '第 31 条' } })
    for (let m = 0; m < 40; m++) {                                   // 30 a minute for 40 minutes: the hour's 1,000 run out
      clock.advance(60_000)
      for (let i = 0; i < 30; i++) await send(i)
    }
    expect(sim.world.employeeInbox('lisi')).toHaveLength(1000)
    const sent = 31 + 1 + 40 * 30
    expect(sim.world.droppedAppMessages('lisi')).toBe(sent - 1000)
  })

  it.each([
    [{ touser: 'zhangsan', msgtype: 'text', agentid: 1, text: { content: 'x' } }, 40056],
    [{ touser: 'zhangsan', msgtype: 'fax', agentid: AGENT_ID }, 40008],
    [{ msgtype: 'text', agentid: AGENT_ID, text: { content: 'x' } }, 82001],
    [{ touser: 'ghost|nobody', msgtype: 'text', agentid: AGENT_ID, text: { content: 'x' } }, 81013],
    [{ touser: 'zhangsan', msgtype: 'text', agentid: AGENT_ID, text: { content: '' } }, 44004],
    [{ touser: 'zhangsan', msgtype: 'text', agentid: AGENT_ID, text: { content: 'x'.repeat(2049) } }, 45002],
    [{ touser: 'zhangsan', msgtype: 'textcard', agentid: AGENT_ID, textcard: { title: 't' } }, 40058],
  ])('%j → %i', async (body, errcode) => {
    const { call } = setup()
    expect(await call('message/send', body)).toMatchObject({ errcode })
  })
})

describe('contacts read (CONTRACT-MORE §11)', () => {
  it('walks departments and members without sensitive keys', async () => {
    const { sim, call } = setup()
    sim.world.addDepartment({ id: 3, name: '北京分行', parentId: 2 })
    sim.world.addEmployee({ userid: 'zhaoliu', name: '赵六', departments: [3] })
    expect((await call('department/list', undefined, { id: '2' })).department).toEqual([
      { id: 2, name: '零售银行部', department_leader: [], parentid: 1, order: 0 },
      { id: 3, name: '北京分行', department_leader: [], parentid: 2, order: 0 },
    ])
    expect((await call('department/simplelist')).department_id).toHaveLength(3)
    expect(await call('department/get', undefined, { id: '9' })).toMatchObject({ errcode: 60003 })
    const user = await call('user/get', undefined, { userid: 'ZhangSan' })
    expect(user).toMatchObject({ errcode: 0, userid: 'zhangsan', name: '张三', department: [2], position: '客户经理', status: 1 })
    for (const key of ['mobile', 'email', 'avatar', 'gender', 'qr_code', 'address']) expect(user).not.toHaveProperty(key)
    expect(await call('user/get', undefined, { userid: 'ghost' })).toMatchObject({ errcode: 60111 })
    const direct = await call('user/simplelist', undefined, { department_id: '2' })
    expect((direct.userlist as { userid: string }[]).map((u) => u.userid)).toEqual(['zhangsan', 'lisi', 'wangwu', 'newbie'])
    const deep = await call('user/list', undefined, { department_id: '2', fetch_child: '1' })
    expect((deep.userlist as unknown[]).length).toBe(5)
  })

  it('pages user/list_id with one row per (user, department)', async () => {
    const { call } = setup()
    const first = await call('user/list_id', { limit: 3 })
    const second = await call('user/list_id', { limit: 3, cursor: first.next_cursor })
    const rows = [...(first.dept_user as unknown[]), ...(second.dept_user as unknown[])]
    expect(rows).toHaveLength(5) // wangwu is in departments 1 and 2
    expect(rows).toContainEqual({ userid: 'wangwu', department: 1 })
    expect(second.next_cursor).toBe('')
  })
})
