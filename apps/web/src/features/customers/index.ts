export { CustomersPage } from './customers-page'
export { TagSelect } from './tag-select'
