// The part of the site's configuration the blog uses (the classic preset).
export default {
  title: 'Engine Room',
  url: 'https://engine.example.org',
  baseUrl: '/',
  presets: [['classic', {blog: {showReadingTime: true, onInlineTags: 'warn', onInlineAuthors: 'warn'}}]],
};
