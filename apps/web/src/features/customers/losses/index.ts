export { LossesPage } from './losses-page'
