export { FissionH5Page } from './h5-page'
