/** Messages of the dashboard pages, in English and Japanese (merged into the catalogues by en.ts and ja.ts). */
export const dashboardEn = {
  'dashboard.title': 'dashboard',
} as const;

export const dashboardJa: Record<keyof typeof dashboardEn, string> = {
  'dashboard.title': 'dashboard',
};
