export { ActivitiesPage } from './activities-page'
export { ActivityFormPage } from './activity-form-page'
export { ActivityDetailPage } from './activity-detail-page'
