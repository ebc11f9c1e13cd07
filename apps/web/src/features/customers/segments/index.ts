export { SegmentsPage } from './segments-page'
