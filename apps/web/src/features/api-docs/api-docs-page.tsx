import { Button, Card } from 'antd'
import { ExportOutlined, FileTextOutlined } from '@ant-design/icons'
import { useT } from '../../app/i18n'
import { PageHeader } from '../../shared/page-header'

const DOCS_URL = '/docs'
const SPEC_URL = '/openapi.json'

/** The server renders Swagger UI at /docs; the console frames it and links to the raw spec. */
export function ApiDocsPage() {
  const t = useT()
  return (
    <>
      <PageHeader
        title={t('apiDocs.title')}
        description={t('apiDocs.description')}
        extra={
          <>
            <Button icon={<FileTextOutlined />} href={SPEC_URL} target="_blank">
              {t('apiDocs.spec')}
            </Button>
            <Button type="primary" icon={<ExportOutlined />} href={DOCS_URL} target="_blank">
              {t('apiDocs.openNewTab')}
            </Button>
          </>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <iframe
          src={DOCS_URL}
          title={t('apiDocs.title')}
          style={{ width: '100%', height: 'calc(100vh - 210px)', minHeight: 480, border: 0, display: 'block' }}
          data-testid="api-docs-frame"
        />
      </Card>
    </>
  )
}
