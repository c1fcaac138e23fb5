import type { TemplateRenderers } from './templates.js';

/**
 * The forms part's messages (issue 6), in Norwegian bokmål and English. Add a member to the union and a renderer
 * to both objects; templates.ts joins them with the others.
 */
export type FormsTemplateData = never;

export const formsTemplates: { nb: TemplateRenderers<FormsTemplateData>; en: TemplateRenderers<FormsTemplateData> } = { nb: {}, en: {} };
