/**
 * The staff desk (and the chat widget script) as a static site: a private S3 bucket behind
 * CloudFront with origin access control, HTTPS only. `/api/*` on the same distribution forwards
 * to the HTTP API uncached, so the desk calls its API same-origin (no CORS) and the widget, whose
 * API defaults to its script's origin, reaches the chat API through CloudFront too.
 *
 * Edge security: the WAF web ACL (per-client rate limits, cdk/constructs/edge-firewall.ts), a
 * secret origin header on API requests (the chat routes refuse requests without it), and
 * response headers from #app/security-headers.ts — the same CSP, X-Frame-Options, nosniff and
 * Referrer-Policy as the local server, plus HSTS.
 *
 * TLS: with a custom domain and its ACM certificate, viewers need TLS 1.2+ (TLSv1.2_2021). With
 * the default *.cloudfront.net certificate CloudFront fixes the security policy at TLSv1: it still
 * accepts TLS 1.0 and 1.1 from clients that offer nothing newer (browsers negotiate 1.2 or 1.3),
 * and no setting can change that — configure `siteDomainName` and `siteCertificateArn` in prod.
 * The files come from `web/dist` (the web build); without it the site is created empty.
 */
import { existsSync } from 'node:fs';
import { Annotations, Duration, Fn, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginRequestPolicy,
  PriceClass,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectOwnership,
  type IBucket,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ARTICLE_PAGE_CONTENT_SECURITY_POLICY } from '../../functions/adapters/http/article-page.ts';
import {
  API_CONTENT_SECURITY_POLICY,
  HSTS_MAX_AGE_SECONDS,
  ORIGIN_VERIFY_HEADER,
  PAGE_CONTENT_SECURITY_POLICY,
} from '../../functions/app/security-headers.ts';

export interface StaffDeskSiteProps {
  /** The built web app (`web/dist`); skipped with a note when missing. */
  siteDir: string;
  /** HTTP API base URL, e.g. https://abc.execute-api.eu-west-1.amazonaws.com */
  apiUrl: string;
  accessLogs: IBucket;
  deploymentLogGroup?: ILogGroup;
  prod: boolean;
  /** ARN of the CloudFront-scope WAF web ACL (undefined: no WAF, with a warning). */
  webAclArn?: string;
  /** Value of the secret origin header added to API requests (a Secrets Manager reference). */
  originVerifyValue?: string;
  /** Custom domain and its us-east-1 ACM certificate: TLS 1.2+ only. */
  domainName?: string;
  certificateArn?: string;
}

export class StaffDeskSite extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly pageHeaders: ResponseHeadersPolicy;
  readonly apiHeaders: ResponseHeadersPolicy;
  /** Headers of the articles' public pages (`/help/*`: the page policy plus their style hash). */
  readonly articleHeaders: ResponseHeadersPolicy;
  readonly deployed: boolean;

  private readonly domainName?: string;

  constructor(scope: Construct, id: string, props: StaffDeskSiteProps) {
    super(scope, id);
    this.domainName = props.domainName;
    this.bucket = new Bucket(this, 'Files', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'site/',
      removalPolicy: props.prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !props.prod,
    });

    const apiDomain = Fn.select(2, Fn.split('/', props.apiUrl));
    const headers = (name: string, contentSecurityPolicy: string) =>
      new ResponseHeadersPolicy(this, name, {
        comment: `Mujib security headers (${name})`,
        securityHeadersBehavior: {
          contentSecurityPolicy: { contentSecurityPolicy, override: true },
          contentTypeOptions: { override: true },
          frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
          referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
          strictTransportSecurity: {
            accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SECONDS),
            includeSubdomains: true,
            override: true,
          },
        },
      });
    this.pageHeaders = headers('PageHeaders', PAGE_CONTENT_SECURITY_POLICY);
    this.apiHeaders = headers('ApiHeaders', API_CONTENT_SECURITY_POLICY);
    this.articleHeaders = headers('ArticleHeaders', ARTICLE_PAGE_CONTENT_SECURITY_POLICY);
    const siteOrigin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    const certificate =
      props.domainName && props.certificateArn
        ? Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn)
        : undefined;
    this.distribution = new Distribution(this, 'Cdn', {
      comment: 'Mujib staff desk and chat widget',
      webAclId: props.webAclArn,
      ...(certificate && props.domainName
        ? {
            certificate,
            domainNames: [props.domainName],
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      defaultRootObject: 'staff.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: props.accessLogs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: siteOrigin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: this.pageHeaders,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      },
      additionalBehaviors: {
        // The articles' public pages, written by the indexer under help/ (the links the bot
        // gives): same bucket, their own CSP (the pages' one style block, by hash).
        '/help/*': {
          origin: siteOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          responseHeadersPolicy: this.articleHeaders,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        },
        '/api/*': {
          origin: new HttpOrigin(apiDomain, {
            readTimeout: Duration.seconds(30),
            // CloudFront replaces a viewer's header of the same name, so it cannot be forged.
            customHeaders: props.originVerifyValue
              ? { [ORIGIN_VERIFY_HEADER]: props.originVerifyValue }
              : undefined,
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: this.apiHeaders,
        },
      },
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Staff and customers may be anywhere; no geo restriction is wanted.',
    });
    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'No web ACL ARN is known at synth (the main stack has no explicit region and no -c webAclArn): deploy the Mujib-<stage>-edge stack and pass its WebAclArn output.',
      });
      const message =
        'No WAF web ACL: the public chat is not rate-limited per client. Synthesise with an explicit region (CDK_DEFAULT_REGION) or pass -c webAclArn=<Mujib-<stage>-edge output>.';
      if (props.prod) Annotations.of(this).addError(message);
      else Annotations.of(this).addWarningV2('mujib:no-web-acl', message);
    }
    if (!certificate) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Default *.cloudfront.net certificate: CloudFront fixes its security policy at TLSv1 (TLS 1.0/1.1 still accepted from old clients; browsers negotiate 1.2+), and it cannot be raised. Set siteDomainName and siteCertificateArn to require TLSv1.2_2021.',
      });
      if (props.prod) {
        Annotations.of(this).addWarningV2(
          'mujib:default-certificate',
          'prod uses the default CloudFront certificate, which still accepts TLS 1.0/1.1: set siteDomainName and siteCertificateArn.',
        );
      }
    }

    this.deployed = existsSync(props.siteDir);
    if (this.deployed) {
      new BucketDeployment(this, 'DeployFiles', {
        sources: [Source.asset(props.siteDir)],
        destinationBucket: this.bucket,
        // The indexer owns help/ (article pages): a deploy must not prune them.
        exclude: ['help/*'],
        distribution: this.distribution,
        distributionPaths: ['/*'],
        memoryLimit: 256,
        logGroup: props.deploymentLogGroup,
      });
    } else {
      Annotations.of(this).addInfo(
        `${props.siteDir} not found: the staff desk site is created empty (run the web build, then deploy again).`,
      );
    }
  }

  /** https URL of the site (the custom domain when configured), no trailing slash. */
  get baseUrl(): string {
    return `https://${this.domainName ?? this.distribution.distributionDomainName}`;
  }

  /** https URL of the staff desk. */
  get url(): string {
    return `${this.baseUrl}/staff.html`;
  }
}
