// Tailwind 4: the PostCSS plugin is the whole setup (STACK pitfall 13).
const config = {
  plugins: {
    "@tailwindcss/postcss": {},
  },
};

export default config;
