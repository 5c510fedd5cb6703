// Tailwind 4: the PostCSS plugin is the whole setup.
const config = {
  plugins: {
    "@tailwindcss/postcss": {},
  },
};

export default config;
