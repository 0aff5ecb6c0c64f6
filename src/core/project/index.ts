export * from './project.ts';
export { ProjectDataError } from './validate.ts';
export { NewerProjectVersionError, migrateProject, PROJECT_MIGRATIONS, type ProjectMigrations } from './migrate.ts';
export { parseProjectFile, readProjectSnapshot, serializeProjectFile, PROJECT_FILE_FORMAT, PROJECT_FILE_EXTENSION } from './project-file.ts';
