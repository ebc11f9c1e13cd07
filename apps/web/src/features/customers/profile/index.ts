export { FieldsPage } from './fields-page'
export { ImportsPage } from './imports-page'
export { ProfileCard } from './profile-card'
export { FieldConditions, toFieldConditions, type FieldConditionValue } from './field-conditions'
