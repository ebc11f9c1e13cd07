import { Button, Space } from 'antd'
import { useT } from '../app/i18n'

/** The cancel / save footer every form drawer uses. */
export function DrawerFooter(props: { onCancel(): void; onSave(): void; saving: boolean; disabled?: boolean; testId: string }) {
  const t = useT()
  return (
    <Space style={{ float: 'right' }}>
      <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
      <Button type="primary" loading={props.saving} disabled={props.disabled} onClick={props.onSave} data-testid={props.testId}>
        {t('common.save')}
      </Button>
    </Space>
  )
}
