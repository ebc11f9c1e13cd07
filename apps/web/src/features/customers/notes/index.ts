export { CustomerNotes } from './customer-notes'
