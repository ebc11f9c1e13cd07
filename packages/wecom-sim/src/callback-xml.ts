import type { ExternalContactEvent } from './types'

/** CDATA cannot contain `]]>`; split it across two sections. */
export const cdata = (value: string) => `<![CDATA[${value.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`

/** The decrypted event, self-built app format (CONTRACT §7 header + §7.1 fields); absent fields are omitted. */
export function buildEventXml(corpId: string, e: ExternalContactEvent): string {
  const fields: [string, string | undefined][] = [
    ['FailReason', e.failReason],
    ['UserID', e.userid],
    ['ExternalUserID', e.externalUserId],
    ['State', e.state || undefined],
    ['WelcomeCode', e.welcomeCode],
    ['Source', e.source],
  ]
  return [
    '<xml>',
    `<ToUserName>${cdata(corpId)}</ToUserName>`,
    `<FromUserName>${cdata('sys')}</FromUserName>`,
    `<CreateTime>${e.createTime}</CreateTime>`,
    `<MsgType>${cdata('event')}</MsgType>`,
    `<Event>${cdata(e.event)}</Event>`,
    `<ChangeType>${cdata(e.changeType)}</ChangeType>`,
    ...fields.filter(([, v]) => v !== undefined).map(([k, v]) => `<${k}>${cdata(v as string)}</${k}>`),
    '</xml>',
  ].join('')
}

/** The POST body: `<xml><ToUserName/><Encrypt/><AgentID/></xml>` (CONTRACT §2.3). */
export const buildEnvelope = (corpId: string, encrypt: string, agentId: number) =>
  `<xml><ToUserName>${cdata(corpId)}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt><AgentID>${cdata(String(agentId))}</AgentID></xml>`
