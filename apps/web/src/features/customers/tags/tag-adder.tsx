import { useRef, useState } from 'react'
import { Input, Tag, theme } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { showError } from '../../../app/feedback'
import { useT } from '../../../app/i18n'
import { splitTagNames, TAG_RULES, tooLong } from './tag-rules'

/** The "+ Add tag" chip at the end of a group: type one name, or several separated by commas. */
export function TagAdder({ onAdd }: { onAdd: (names: string[]) => Promise<boolean> }) {
  const t = useT()
  const { token } = theme.useToken()
  const [open, setOpen] = useState(false)
  const [value, setValue] = useState('')
  const busy = useRef(false)

  const close = () => {
    setOpen(false)
    setValue('')
  }
  const commit = async () => {
    if (busy.current) return
    const names = splitTagNames(value)
    if (names.length === 0) return close()
    const long = tooLong(names)
    if (long) return showError(new Error(t('tags.nameTooLong', { name: long, max: TAG_RULES.nameMax })))
    if (names.length > TAG_RULES.batchMax) return showError(new Error(t('tags.batchTooLarge', { max: TAG_RULES.batchMax })))
    busy.current = true
    const ok = await onAdd(names)
    busy.current = false
    if (ok) close()
  }

  if (!open) {
    return (
      <Tag
        onClick={() => setOpen(true)}
        style={{ borderStyle: 'dashed', background: token.colorBgContainer, cursor: 'pointer', marginInlineEnd: 0 }}
        data-testid="tag-add"
      >
        <PlusOutlined /> {t('tags.addTag')}
      </Tag>
    )
  }
  return (
    <Input
      size="small"
      autoFocus
      value={value}
      placeholder={t('tags.addTagPlaceholder')}
      onChange={(e) => setValue(e.target.value)}
      onPressEnter={commit}
      onBlur={() => (value.trim() ? void commit() : close())}
      onKeyDown={(e) => e.key === 'Escape' && close()}
      style={{ width: 220 }}
      data-testid="tag-add-input"
    />
  )
}
