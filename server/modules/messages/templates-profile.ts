import type { TemplateRenderers } from './templates.js';

/**
 * The profile part's messages (issue 6), in Norwegian bokmål and English. Add a member to the union and a renderer
 * to both objects; templates.ts joins them with the others.
 */
export type ProfileTemplateData = never;

export const profileTemplates: { nb: TemplateRenderers<ProfileTemplateData>; en: TemplateRenderers<ProfileTemplateData> } = { nb: {}, en: {} };
