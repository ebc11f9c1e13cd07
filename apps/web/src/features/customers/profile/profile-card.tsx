import { useState } from 'react'
import { Badge, Button, Card, Descriptions, Tooltip, Typography } from 'antd'
import { EditOutlined } from '@ant-design/icons'
import type { Customer } from '../../../api/types'
import { useT } from '../../../app/i18n'
import { useCan } from '../../../app/permissions'
import { formatDateTime } from '../../../shared/format'
import { FieldValueView } from './field-value'
import { ProfileEditDrawer, type ProfileValues } from './profile-edit-drawer'
import { useCustomFields } from './use-custom-fields'

/** 客户资料: the bank's numbers, the KYC badge, activity and custom fields, editable by whoever maintains the customer. */
export function ProfileCard({ customer }: { customer: Customer }) {
  const t = useT()
  const canEdit = useCan()('customers.note.write')
  const fields = useCustomFields()
  const [profile, setProfile] = useState<ProfileValues>(customer)
  const [editing, setEditing] = useState(false)
  const live = fields.data?.items ?? []
  return (
    <Card
      size="small"
      title={t('profile.title')}
      extra={canEdit && <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} disabled={fields.loading} data-testid="profile-edit">{t('profile.edit')}</Button>}
    >
      <Descriptions
        size="small"
        column={2}
        items={[
          { key: 'phone', label: t('profile.phone'), children: profile.phone ? <Typography.Text copyable>{profile.phone}</Typography.Text> : '-' },
          { key: 'bank', label: t('profile.bankCustomerNo'), children: profile.bankCustomerNo ? <Typography.Text copyable>{profile.bankCustomerNo}</Typography.Text> : '-' },
          {
            key: 'verified',
            label: t('profile.verified'),
            children: profile.verified ? (
              <Tooltip title={profile.verifiedAt ? t('profile.verifiedAt', { at: formatDateTime(profile.verifiedAt) }) : undefined}>
                <Badge status="success" text={t('profile.verified')} data-testid="profile-verified" />
              </Tooltip>
            ) : <Badge status="default" text={t('profile.notVerified')} />,
          },
          { key: 'active', label: t('profile.lastActiveAt'), children: customer.lastActiveAt ? formatDateTime(customer.lastActiveAt) : t('profile.never') },
          ...live.map((f) => ({ key: f.id, label: f.name, children: <FieldValueView field={f} value={profile.attributes[f.id]} /> })),
        ]}
      />
      <ProfileEditDrawer open={editing} customerId={customer.id} name={customer.name} profile={profile} fields={live} onClose={() => setEditing(false)} onSaved={setProfile} />
    </Card>
  )
}
