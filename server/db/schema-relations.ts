/**
 * Table types of the relations part of issue 6 (Min profil), kept beside migration 0007-relations. The Database interface in
 * schema.ts extends this one, so this part's tables are added here without touching the shared file.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RelationsTables {}
