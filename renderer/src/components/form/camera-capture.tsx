import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageLimits } from '../../../../shared/api/z-claim-metadata';
import type { FileValue } from '../../view/claims-form';
import { asPercent, cropBox, GUIDE_HEIGHT } from '../../view/portrait-geometry';
import { portraitFrom } from '../../view/portrait-image';

interface Props {
  limits: ImageLimits;
  onCapture: (value: FileValue) => void;
  onError: (message: string) => void;
  onClose: () => void;
}

/**
 * A live preview from the counter's camera with a face-box guide; *Take photo* cuts out what is
 * inside the guide, scaled and encoded to the configuration's limits (DESIGN §14). The stream is
 * stopped as soon as this closes.
 */
export function CameraCapture({ limits, onCapture, onError, onClose }: Props) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const take = useRef<HTMLButtonElement>(null);
  const [size, setSize] = useState<{ width: number; height: number }>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let stream: MediaStream | undefined;
    let stopped = false;
    navigator.mediaDevices
      .getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'user' }, audio: false })
      .then(async (s) => {
        stream = s;
        if (stopped) return s.getTracks().forEach((track) => track.stop());
        const element = video.current!;
        element.srcObject = s;
        await element.play().catch(() => undefined);
      })
      .catch((e: unknown) => {
        if (!stopped) onError(t('portrait.noCamera', { reason: e instanceof Error ? e.name : String(e) }));
      });
    return () => {
      stopped = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [onError, t]);

  useEffect(() => {
    if (size) take.current?.focus();
  }, [size]);

  const guide = size ? asPercent(cropBox(size.width, size.height, limits, GUIDE_HEIGHT), size.width, size.height) : undefined;

  async function capture(): Promise<void> {
    const element = video.current;
    if (!element || !size || busy) return;
    setBusy(true);
    const result = await portraitFrom(element, cropBox(size.width, size.height, limits, GUIDE_HEIGHT), limits, 'camera.jpg', 'camera');
    setBusy(false);
    if (result.ok) onCapture(result.value);
    else
      onError(t(result.reason === 'too-large' ? 'portrait.cannotFit' : 'portrait.unreadable', { kb: Math.round(limits.maxBytes / 1000) }));
  }

  return (
    <div
      className="camera"
      role="group"
      aria-label={t('portrait.preview')}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <div className="camera-frame">
        <video
          ref={video}
          className="camera-video"
          muted
          playsInline
          aria-label={t('portrait.preview')}
          onLoadedMetadata={(e) => setSize({ width: e.currentTarget.videoWidth, height: e.currentTarget.videoHeight })}
        />
        {guide && (
          <div className="camera-guide" style={guide} aria-hidden="true">
            <div className="camera-face" />
          </div>
        )}
      </div>
      <p className="field-hint">{size ? t('portrait.guide') : t('portrait.starting')}</p>
      <div className="camera-actions">
        <button ref={take} type="button" className="button button-primary" disabled={!size || busy} onClick={() => void capture()}>
          {t('portrait.take')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('portrait.cancel')}
        </button>
      </div>
    </div>
  );
}
