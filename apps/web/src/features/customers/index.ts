export { CustomersPage } from './customers-page'
export { TagSelect } from './tag-select'
export { TagsPage } from './tags'
export { LossesPage } from './losses'
