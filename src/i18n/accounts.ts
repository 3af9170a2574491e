/** Messages of the accounts pages, in English and Japanese (merged into the catalogues by en.ts and ja.ts). */
export const accountsEn = {
  'nav.signIn': 'Sign in',
  'nav.signOut': 'Sign out',
  'nav.dashboard': 'Dashboard',
  'accounts.title': 'accounts',
} as const;

export const accountsJa: Record<keyof typeof accountsEn, string> = {
  'nav.signIn': 'ログイン',
  'nav.signOut': 'ログアウト',
  'nav.dashboard': 'ダッシュボード',
  'accounts.title': 'accounts',
};
