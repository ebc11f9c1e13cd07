export { EmployeesPage } from './employees-page'
export { EmployeeSelect, type EmployeeOption } from './employee-select'
export { DepartmentTreeSelect } from './department-tree-select'
export { useDepartments } from './use-departments'
