import { describe, expect, it } from 'vitest'
import { WeComError } from './errors'
import type { Handler } from './fake-wecom.test-helper'
import { clientOnFake, ok } from './fake-wecom.test-helper'

const setup = (handlers: Record<string, Handler>) => clientOnFake(handlers, { retry: { attempts: 0, baseDelayMs: 1 } })

describe('externalContact transfers (CONTRACT §6)', () => {
  it('transferCustomer: POST snake_case body, per-customer errcodes kept', async () => {
    const { client, last, json } = setup({
      'externalcontact/transfer_customer': () => ok({ customer: [
        { external_userid: 'wmA', errcode: 0 },
        { external_userid: 'wmB', errcode: 84061 },
      ] }),
    })
    const reply = await client.externalContact.transferCustomer({
      handoverUserId: 'zhangsan', takeoverUserId: 'lisi', externalUserId: ['wmA', 'wmB'], transferSuccessMsg: '您好，由我接替',
    })
    expect(last('externalcontact/transfer_customer').method).toBe('POST')
    expect(json('externalcontact/transfer_customer')).toStrictEqual({
      handover_userid: 'zhangsan', takeover_userid: 'lisi', external_userid: ['wmA', 'wmB'], transfer_success_msg: '您好，由我接替',
    })
    expect(reply).toStrictEqual({ customer: [{ externalUserId: 'wmA', errcode: 0 }, { externalUserId: 'wmB', errcode: 84061 }] })
  })

  it('transferResult: cursor passed on, empty next_cursor becomes undefined', async () => {
    let page = 0
    const { client, json } = setup({
      'externalcontact/transfer_result': () => ++page === 1
        ? ok({ customer: [{ external_userid: 'wmA', status: 2, takeover_time: 1767664800 }], next_cursor: 'c2' })
        : ok({ customer: [{ external_userid: 'wmB', status: 3 }], next_cursor: '' }),
    })
    const first = await client.externalContact.transferResult({ handoverUserId: 'zhangsan', takeoverUserId: 'lisi' })
    expect(json('externalcontact/transfer_result')).toStrictEqual({ handover_userid: 'zhangsan', takeover_userid: 'lisi' })
    expect(first).toStrictEqual({ customer: [{ externalUserId: 'wmA', status: 2, takeoverTime: 1767664800 }], nextCursor: 'c2' })
    const second = await client.externalContact.transferResult({ handoverUserId: 'zhangsan', takeoverUserId: 'lisi', cursor: 'c2' })
    expect(json('externalcontact/transfer_result')).toStrictEqual({ handover_userid: 'zhangsan', takeover_userid: 'lisi', cursor: 'c2' })
    expect(second).toStrictEqual({ customer: [{ externalUserId: 'wmB', status: 3 }], nextCursor: undefined })
  })

  it('getUnassignedList: page_size on the wire, is_last and dimission_time mapped', async () => {
    const { client, json } = setup({
      'externalcontact/get_unassigned_list': () => ok({
        info: [{ handover_userid: 'old', external_userid: 'wmA', dimission_time: 1550838571 }], is_last: false, next_cursor: 'n1',
      }),
    })
    expect(await client.externalContact.getUnassignedList({ pageSize: 1 })).toStrictEqual({
      info: [{ handoverUserId: 'old', externalUserId: 'wmA', dimissionTime: 1550838571 }], isLast: false, nextCursor: 'n1',
    })
    expect(json('externalcontact/get_unassigned_list')).toStrictEqual({ page_size: 1 })
    await client.externalContact.getUnassignedList({ cursor: 'n1' })
    expect(json('externalcontact/get_unassigned_list')).toStrictEqual({ cursor: 'n1' })
  })

  it('getUnassignedList without arguments sends an empty body; missing fields read as an empty last page', async () => {
    const { client, last } = setup({ 'externalcontact/get_unassigned_list': () => ok() })
    expect(await client.externalContact.getUnassignedList()).toStrictEqual({ info: [], isLast: true, nextCursor: undefined })
    expect(last('externalcontact/get_unassigned_list').body).toBe('{}')
  })

  it('resigned transfer and result use the resigned paths', async () => {
    const { client, json } = setup({
      'externalcontact/resigned/transfer_customer': () => ok({ customer: [{ external_userid: 'wmA', errcode: 0 }] }),
      'externalcontact/resigned/transfer_result': () => ok({ customer: [{ external_userid: 'wmA', status: 1, takeover_time: 1767751200 }] }),
    })
    const started = await client.externalContact.resignedTransferCustomer({ handoverUserId: 'old', takeoverUserId: 'lisi', externalUserId: ['wmA'] })
    expect(started).toStrictEqual({ customer: [{ externalUserId: 'wmA', errcode: 0 }] })
    expect(json('externalcontact/resigned/transfer_customer')).toStrictEqual({ handover_userid: 'old', takeover_userid: 'lisi', external_userid: ['wmA'] })
    const result = await client.externalContact.resignedTransferResult({ handoverUserId: 'old', takeoverUserId: 'lisi', cursor: '' })
    expect(json('externalcontact/resigned/transfer_result')).toStrictEqual({ handover_userid: 'old', takeover_userid: 'lisi' })
    expect(result).toStrictEqual({ customer: [{ externalUserId: 'wmA', status: 1, takeoverTime: 1767751200 }], nextCursor: undefined })
  })

  it('a request-level error such as 40097 surfaces as WeComError', async () => {
    const { client } = setup({
      'externalcontact/resigned/transfer_customer': () => ({ errcode: 40097, errmsg: 'invalid handover userid' }),
    })
    const attempt = client.externalContact.resignedTransferCustomer({ handoverUserId: 'zhangsan', takeoverUserId: 'lisi', externalUserId: ['wmA'] })
    await expect(attempt).rejects.toBeInstanceOf(WeComError)
    await expect(attempt).rejects.toMatchObject({ errcode: 40097, api: 'externalcontact/resigned/transfer_customer' })
  })
})
