export { ExportButton, type ExportFormat } from './export-button'
export { ExportLogsPage } from './export-logs-page'
