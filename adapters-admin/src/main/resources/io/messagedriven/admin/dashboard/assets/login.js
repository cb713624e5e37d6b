'use strict';
// A link such as /login#token=... logs in at once; the fragment never reaches the server.
document.addEventListener('DOMContentLoaded', () => {
  if (new URLSearchParams(location.search).has('failed')) {
    document.getElementById('failed').hidden = false;
  }
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.has('token')) {
    history.replaceState(null, '', location.pathname);
    document.getElementById('token').value = fragment.get('token');
    document.getElementById('login').submit();
  }
});
