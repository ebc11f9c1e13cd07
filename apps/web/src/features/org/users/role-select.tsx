import { Flex, Select, Tag, Typography } from 'antd'
import type { Role } from '../../../api/types'
import { useT } from '../../../app/i18n'
import { ROLE_COLOR, ROLES } from './roles'

type Props = { value?: Role; onChange?: (role: Role) => void; disabled?: boolean }

/** Role picker; each option says what data the role reaches. */
export function RoleSelect({ value, onChange, disabled }: Props) {
  const t = useT()
  return (
    <Select<Role>
      value={value}
      onChange={onChange}
      disabled={disabled}
      options={ROLES.map((role) => ({ value: role, label: t(`users.role.${role}`) }))}
      optionRender={(option) => {
        const role = option.value as Role
        return (
          <Flex vertical style={{ padding: '2px 0' }}>
            <span>
              <Tag color={ROLE_COLOR[role]}>{t(`users.role.${role}`)}</Tag>
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>
              {t(`users.roleScope.${role}`)}
            </Typography.Text>
          </Flex>
        )
      }}
      data-testid="user-form-role"
    />
  )
}

/** The scope of the chosen role, shown under the picker. */
export function RoleScope({ role }: { role: Role | undefined }) {
  const t = useT()
  return role ? <span data-testid="user-form-role-scope">{t(`users.roleScope.${role}`)}</span> : null
}
