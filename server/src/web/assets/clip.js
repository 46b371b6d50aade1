// "Clip from here" on a past broadcast: the clip starts where the video is.
"use strict";
(function () {
  const start = document.getElementById("clip-start");
  const video = document.getElementById("video");
  if (!start || !video) return;
  start.form.addEventListener("submit", () => { start.value = String(Math.floor(video.currentTime || 0)); });
})();
