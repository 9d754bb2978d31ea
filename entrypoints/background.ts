export default defineBackground(() => {
  // wired in the browser-capture issue
});
