export { BulkTagModal } from './bulk-tag-modal'
export { TagJobsPage } from './tag-jobs-page'
export { TagRulesPage } from './tag-rules-page'
