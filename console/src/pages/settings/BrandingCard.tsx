// The sign-in pages' branding: accent colour (its text colour is chosen for contrast by the server)
// and logo (PNG, JPEG, GIF or WebP, at most 256 kB), with a link to see the page people get.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, call, failure } from '../../api/client.ts';
import { Banner, ErrorBanner } from '../../design/Banner.tsx';
import { Field } from '../../design/Field.tsx';
import { useViewer } from '../../shell/session.tsx';

const toBase64 = (file: File) => new Promise<string>((resolve, reject) => {
  const reader = new FileReader();
  reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
  reader.onerror = () => reject(reader.error);
  reader.readAsDataURL(file);
});

export function BrandingCard() {
  const { org } = useViewer();
  const queryClient = useQueryClient();
  const branding = useQuery({ queryKey: ['branding', org], queryFn: () => call(api.GET('/v1/orgs/{org}/branding', { params: { path: { org } } })) });
  const [accent, setAccent] = useState('#1d5bbf');
  const [logo, setLogo] = useState<File | null>(null);
  useEffect(() => { if (branding.data?.accentColor) setAccent(branding.data.accentColor); }, [branding.data]);
  const save = useMutation({
    mutationFn: async (removeLogo: boolean) => call(api.PATCH('/v1/orgs/{org}/branding', {
      params: { path: { org } },
      body: { accentColor: accent, ...(removeLogo ? { logo: null } : logo ? { logo: await toBase64(logo) } : {}) },
    })),
    onSuccess: (data) => { queryClient.setQueryData(['branding', org], data); setLogo(null); },
  });
  const f = failure(save.error);
  return (
    <section className="card" aria-labelledby="branding-h">
      <h2 id="branding-h">Sign-in pages</h2>
      <p className="muted">People see your organization's name, logo and colour when they sign in or open an invitation. <a href={`/sso/${encodeURIComponent(org)}/login`} target="_blank" rel="noopener">See the sign-in page ↗</a></p>
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(false); }}>
        <Field label="Accent colour" hint="Buttons on the sign-in pages; their text turns white or black to stay readable." error={f?.fieldError('accentColor')}>
          <input className="input" type="color" value={accent} onChange={(e) => setAccent(e.target.value)} style={{ maxWidth: 120, padding: 4 }} />
        </Field>
        <Field label="Logo" hint="PNG, JPEG, GIF or WebP, at most 256 kB." error={f?.fieldError('logo')}>
          <input className="input" type="file" accept="image/png,image/jpeg,image/gif,image/webp" onChange={(e) => setLogo(e.target.files?.[0] ?? null)} />
        </Field>
        {branding.data?.logoUrl && <p className="row"><img src={branding.data.logoUrl} alt="Current logo" style={{ maxHeight: 40 }} /> <button type="button" className="btn small" onClick={() => save.mutate(true)}>Remove logo</button></p>}
        <ErrorBanner error={save.error} shownFields={['accentColor', 'logo']} />
        {save.isSuccess && <Banner tone="success">Branding saved.</Banner>}
        <button type="submit" className="btn primary" disabled={save.isPending}>Save branding</button>
      </form>
    </section>
  );
}
