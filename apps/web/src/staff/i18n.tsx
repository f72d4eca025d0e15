import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

/**
 * The staff app's language: Chinese by default, English on request, remembered on the device.
 * Each screen keeps its own texts beside it as `{ 'zh-CN': {...}, en: {...} }` and reads them
 * with `useText`, so a missing translation is a type error.
 */
export type Locale = 'zh-CN' | 'en';
export type Texts<T> = Record<Locale, T>;

const KEY = 'assay:locale';
const LocaleContext = createContext<{ locale: Locale; setLocale: (locale: Locale) => void }>({ locale: 'zh-CN', setLocale: () => undefined });

function initialLocale(): Locale {
  return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN';
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setState] = useState<Locale>(initialLocale);
  const value = useMemo(
    () => ({
      locale,
      setLocale: (next: Locale) => {
        localStorage.setItem(KEY, next);
        document.documentElement.lang = next;
        setState(next);
      },
    }),
    [locale],
  );
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export const useLocale = () => useContext(LocaleContext);

export function useText<T>(texts: Texts<T>): T {
  return texts[useLocale().locale];
}
