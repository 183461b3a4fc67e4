/**
 * Every article has a public page in the stack itself: the indexer may write and delete under
 * the site bucket's help/ (and is told the bucket), CloudFront serves /help/* from that bucket
 * with the article pages' CSP, a site deploy does not prune help/, and with no -c helpUrl the
 * answering functions link to the site's own domain.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_PAGE_CONTENT_SECURITY_POLICY } from '../../functions/adapters/http/article-page.ts';
import {
  actionsOf,
  logicalIdOf,
  roleStatements,
  synthStack,
  type SynthResult,
} from './synth-stack.ts';

let r: SynthResult;
let withHelpUrl: SynthResult;

beforeAll(() => {
  r = synthStack();
  withHelpUrl = synthStack({ helpUrl: 'https://help.example.org' });
}, 60_000);

const envOf = (result: SynthResult, prefix: string) => {
  const id = logicalIdOf(result, `${prefix}/Function/Resource`);
  return result.template.toJSON().Resources[id].Properties.Environment.Variables as Record<
    string,
    unknown
  >;
};

describe('public article pages', () => {
  it('lets the indexer write and delete pages under help/ of the site bucket, and names it', () => {
    const siteBucket = logicalIdOf(r, 'StaffDesk/Files/Resource');
    expect(JSON.stringify(envOf(r, 'Knowledge/Indexer').MUJIB_SITE_BUCKET)).toContain(siteBucket);
    const onSite = roleStatements(r, 'Knowledge/Indexer').filter((s) =>
      JSON.stringify(s.Resource).includes(siteBucket),
    );
    const actions = actionsOf(onSite);
    expect(actions).toEqual(
      expect.arrayContaining(['s3:PutObject', 's3:DeleteObject', 's3:ListBucket']),
    );
    expect(JSON.stringify(onSite.map((s) => s.Resource))).toContain('/help/*');
  });

  it('serves /help/* from the site bucket with the article pages’ CSP, and deploys never prune it', () => {
    const [distribution] = Object.values(r.template.findResources('AWS::CloudFront::Distribution'));
    const behaviors = distribution!.Properties.DistributionConfig.CacheBehaviors as {
      PathPattern: string;
      ResponseHeadersPolicyId: unknown;
    }[];
    const help = behaviors.find((b) => b.PathPattern === '/help/*');
    expect(help).toBeDefined();
    const policies = r.template.findResources('AWS::CloudFront::ResponseHeadersPolicy');
    const policyId = (help!.ResponseHeadersPolicyId as { Ref: string }).Ref;
    expect(
      policies[policyId]!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig
        .ContentSecurityPolicy.ContentSecurityPolicy,
    ).toBe(ARTICLE_PAGE_CONTENT_SECURITY_POLICY);
    const siteBucket = logicalIdOf(r, 'StaffDesk/Files/Resource');
    const siteDeployments = Object.values(
      r.template.findResources('Custom::CDKBucketDeployment'),
    ).filter((d) => JSON.stringify(d.Properties.DestinationBucketName).includes(siteBucket));
    // web/dist exists: the test run's global setup builds it.
    expect(siteDeployments).toHaveLength(1);
    for (const deployment of siteDeployments) {
      expect(deployment.Properties.Exclude).toContain('help/*');
    }
  });

  it('links answers to the site’s own pages unless -c helpUrl says otherwise', () => {
    const distribution = logicalIdOf(r, 'StaffDesk/Cdn/Resource');
    for (const fn of ['ChatApi', 'SmsTwilio', 'Alexa']) {
      expect(JSON.stringify(envOf(r, fn).MUJIB_HELP_URL)).toContain(distribution);
      expect(envOf(withHelpUrl, fn).MUJIB_HELP_URL).toBe('https://help.example.org');
    }
  });
});
