export { LiveCodesPage } from './live-codes-page'
