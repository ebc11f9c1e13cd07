export { MyFissionPage } from './my-fission-page'
