export { TransfersPage } from './transfers-page'
