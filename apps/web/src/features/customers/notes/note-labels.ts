import type { MessageKey } from '../../../i18n/zh-CN'

/** 电话 / 面谈 / 微信 / 其他: how the follow-up happened. */
export const NOTE_KINDS = ['call', 'meeting', 'wechat', 'other'] as const
export type NoteKind = (typeof NOTE_KINDS)[number]

export const NOTE_KIND_LABEL: Record<string, MessageKey> = {
  call: 'notes.kind.call',
  meeting: 'notes.kind.meeting',
  wechat: 'notes.kind.wechat',
  other: 'notes.kind.other',
}

export const NOTE_BODY_MAX = 2000
