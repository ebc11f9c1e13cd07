import { useRef, useState } from 'react'
import { Input, Popconfirm, Tag, Tooltip } from 'antd'
import { CloseOutlined } from '@ant-design/icons'
import type { TagRef } from '../../../api/types'
import { useT } from '../../../app/i18n'
import { TAG_RULES } from './tag-rules'

type Props = {
  tag: TagRef
  /** Read-only roles see a plain tag. */
  editable: boolean
  onRename: (name: string) => Promise<boolean>
  onDelete: () => Promise<unknown>
}

/** A corp tag: click the name to rename it in place (Enter saves, Esc cancels); × deletes after a warning. */
export function EditableTag({ tag, editable, onRename, onDelete }: Props) {
  const t = useT()
  const [editing, setEditing] = useState(false)
  const [value, setValue] = useState(tag.name)
  const busy = useRef(false)

  const stop = () => {
    setEditing(false)
    setValue(tag.name)
  }
  const commit = async () => {
    const name = value.trim()
    if (busy.current) return
    if (!name || name === tag.name) return stop()
    busy.current = true
    const ok = await onRename(name)
    busy.current = false
    if (ok) setEditing(false)
  }

  if (editing) {
    return (
      <Input
        size="small"
        autoFocus
        value={value}
        maxLength={TAG_RULES.nameMax}
        onChange={(e) => setValue(e.target.value)}
        onPressEnter={commit}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Escape' && stop()}
        style={{ width: 140 }}
        data-testid="tag-rename-input"
      />
    )
  }
  if (!editable) return <Tag color="geekblue">{tag.name}</Tag>
  return (
    <Tag
      color="geekblue"
      closable
      onClose={(e) => e.preventDefault()}
      closeIcon={
        <Popconfirm
          title={t('tags.deleteTagConfirm', { name: tag.name })}
          description={t('tags.deleteTagHint')}
          okText={t('common.delete')}
          okButtonProps={{ danger: true }}
          onConfirm={onDelete}
        >
          <CloseOutlined aria-label={t('common.delete')} data-testid="tag-delete" />
        </Popconfirm>
      }
      style={{ marginInlineEnd: 0 }}
      data-testid="tag-item"
    >
      <Tooltip title={t('tags.clickToRename')} mouseEnterDelay={0.6}>
        <span
          onClick={() => {
            setValue(tag.name)
            setEditing(true)
          }}
          style={{ cursor: 'text' }}
        >
          {tag.name}
        </span>
      </Tooltip>
    </Tag>
  )
}
