/**
 * Runs in a viewer page: listens to the audio of the playing <video> for `ms` through a WebAudio
 * analyser and returns its RMS level (0–1) and loudest frequency. Chrome only feeds a remote WebRTC
 * stream to WebAudio while a media element plays it, which the viewer's <video> does.
 */
export async function measureReceivedAudio(
  ms: number,
): Promise<{ rms: number; peakHz: number; tracks: number }> {
  const video = document.querySelector("video");
  const stream = video?.srcObject instanceof MediaStream ? video.srcObject : null;
  const tracks = stream?.getAudioTracks().filter((t) => t.readyState === "live") ?? [];
  if (!stream || tracks.length === 0) return { rms: 0, peakHz: 0, tracks: 0 };
  const context = new AudioContext();
  await context.resume();
  const analyser = context.createAnalyser();
  analyser.fftSize = 4096;
  context.createMediaStreamSource(new MediaStream(tracks)).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const spectrum = new Float32Array(analyser.frequencyBinCount);
  let rms = 0;
  let peakHz = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    analyser.getFloatTimeDomainData(samples);
    const level = Math.sqrt(samples.reduce((sum, v) => sum + v * v, 0) / samples.length);
    if (level > rms) {
      rms = level;
      analyser.getFloatFrequencyData(spectrum);
      let best = 0;
      for (let i = 1; i < spectrum.length; i++)
        if ((spectrum[i] ?? -Infinity) > (spectrum[best] ?? -Infinity)) best = i;
      peakHz = (best * context.sampleRate) / analyser.fftSize;
    }
  }
  await context.close();
  return { rms, peakHz, tracks: tracks.length };
}
