import { Button, Checkbox, Flex, Segmented, Select, Tooltip, Typography } from 'antd'
import { DeleteOutlined, PlusOutlined, SubnodeOutlined } from '@ant-design/icons'
import type { TagGroup } from '../../../api/types'
import { useT } from '../../../app/i18n'
import { newCondition, newGroup, replaceNode, type BuilderNode, type Condition, type Group } from './segment-tree'

/** Deeper groups stop being readable long before the server's limit of 10 levels. */
const MAX_UI_DEPTH = 4
const OP_COLOR = { and: '#1d4ed8', or: '#d97706' } as const

type Props = {
  root: Group
  onChange: (root: Group) => void
  tagGroups: TagGroup[]
  loadingTags?: boolean
  /** Tags the server did not recognise (deleted meanwhile): their conditions are marked. */
  invalidTagIds?: ReadonlySet<string>
}

type Ctx = Props & { update: (node: BuilderNode, next: BuilderNode | null) => void }

/** AND / OR groups of "has tag" / "does not have tag" conditions, nested. */
export function ExpressionBuilder(props: Props) {
  const update = (node: BuilderNode, next: BuilderNode | null) => props.onChange(replaceNode(props.root, node.key, next))
  return (
    <div data-testid="segment-builder">
      <GroupBox group={props.root} depth={0} ctx={{ ...props, update }} />
    </div>
  )
}

function GroupBox({ group, depth, ctx }: { group: Group; depth: number; ctx: Ctx }) {
  const t = useT()
  const color = OP_COLOR[group.op]
  const set = (patch: Partial<Group>) => ctx.update(group, { ...group, ...patch })
  const add = (child: BuilderNode) => set({ children: [...group.children, child] })
  return (
    <div
      data-testid="segment-group"
      data-depth={depth}
      style={{
        border: '1px solid #e2e8f0',
        borderInlineStart: `3px solid ${color}`,
        borderRadius: 8,
        padding: '10px 12px',
        background: depth % 2 === 0 ? '#f8fafc' : '#fff',
      }}
    >
      <Flex align="center" gap={12} wrap style={{ marginBottom: 10 }}>
        <Segmented<Group['op']>
          size="small"
          value={group.op}
          onChange={(op) => set({ op })}
          options={[
            { value: 'and', label: t('segments.op.and') },
            { value: 'or', label: t('segments.op.or') },
          ]}
          data-testid="segment-group-op"
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(group.op === 'and' ? 'segments.op.andHint' : 'segments.op.orHint')}
        </Typography.Text>
        <Tooltip title={t('segments.negateGroupHint')}>
          <Checkbox checked={group.negate} onChange={(e) => set({ negate: e.target.checked })} data-testid="segment-group-negate">
            {t('segments.negateGroup')}
          </Checkbox>
        </Tooltip>
        {depth > 0 && (
          <Button
            type="text"
            size="small"
            danger
            icon={<DeleteOutlined />}
            onClick={() => ctx.update(group, null)}
            style={{ marginInlineStart: 'auto' }}
            data-testid="segment-group-remove"
          >
            {t('segments.removeGroup')}
          </Button>
        )}
      </Flex>
      <Flex vertical gap={6}>
        {group.children.map((child, index) => (
          <div key={child.key}>
            {index > 0 && (
              <Typography.Text strong style={{ color, fontSize: 12, display: 'block', margin: '0 0 6px 4px' }}>
                {t(group.op === 'and' ? 'segments.joiner.and' : 'segments.joiner.or')}
              </Typography.Text>
            )}
            {child.type === 'group' ? (
              <GroupBox group={child} depth={depth + 1} ctx={ctx} />
            ) : (
              <ConditionRow condition={child} ctx={ctx} removable={depth > 0 || group.children.length > 1} />
            )}
          </div>
        ))}
      </Flex>
      <Flex gap={8} style={{ marginTop: 10 }}>
        <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => add(newCondition())} data-testid="segment-add-condition">
          {t('segments.addCondition')}
        </Button>
        {depth < MAX_UI_DEPTH && (
          <Button
            size="small"
            type="dashed"
            icon={<SubnodeOutlined />}
            onClick={() => add(newGroup(group.op === 'and' ? 'or' : 'and'))}
            data-testid="segment-add-group"
          >
            {t('segments.addGroup')}
          </Button>
        )}
      </Flex>
    </div>
  )
}

function ConditionRow({ condition, ctx, removable }: { condition: Condition; ctx: Ctx; removable: boolean }) {
  const t = useT()
  const set = (patch: Partial<Condition>) => ctx.update(condition, { ...condition, ...patch })
  const invalid = !!condition.tagId && !!ctx.invalidTagIds?.has(condition.tagId)
  const known = ctx.tagGroups.some((g) => g.tags.some((tag) => tag.id === condition.tagId))
  const options = ctx.tagGroups.map((g) => ({ label: g.name, title: g.name, options: g.tags.map((tag) => ({ value: tag.id, label: tag.name })) }))
  if (condition.tagId && !known && !ctx.loadingTags) options.push({ label: t('segments.deletedTag'), title: '', options: [{ value: condition.tagId, label: t('segments.deletedTag') }] })
  return (
    <Flex align="center" gap={8} data-testid="segment-condition">
      <Select<'has' | 'not'>
        value={condition.negate ? 'not' : 'has'}
        onChange={(mode) => set({ negate: mode === 'not' })}
        options={[
          { value: 'has', label: t('segments.cond.has') },
          { value: 'not', label: t('segments.cond.not') },
        ]}
        style={{ width: 120 }}
        data-testid="segment-condition-mode"
      />
      <Select<string>
        value={condition.tagId}
        onChange={(tagId) => set({ tagId })}
        options={options}
        loading={ctx.loadingTags}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('segments.pickTag')}
        status={invalid ? 'error' : condition.tagId ? undefined : 'warning'}
        style={{ flex: 1, minWidth: 180, maxWidth: 320 }}
        data-testid="segment-condition-tag"
      />
      <Button
        type="text"
        icon={<DeleteOutlined />}
        disabled={!removable}
        onClick={() => ctx.update(condition, null)}
        aria-label={t('common.remove')}
        data-testid="segment-condition-remove"
      />
    </Flex>
  )
}
