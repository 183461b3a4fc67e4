/**
 * The Alexa skill's endpoint: only the skill with this id may invoke the function (Lambda
 * permission for `alexa-appkit.amazon.com` with the skill id as event source token). Without the
 * `alexaSkillId` context the id is a CloudFormation parameter whose default is an obvious
 * placeholder that matches no skill, so nothing can invoke it until the real id is given.
 */
import { Annotations, CfnParameter } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ENV } from '../../functions/app/env-names.ts';

export const ALEXA_SKILL_ID_PLACEHOLDER = 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000';

export interface AlexaEndpointProps {
  fn: LambdaFunction;
  skillId?: string;
}

export class AlexaEndpoint extends Construct {
  readonly skillId: string;

  constructor(scope: Construct, id: string, props: AlexaEndpointProps) {
    super(scope, id);
    if (props.skillId) {
      this.skillId = props.skillId;
    } else {
      const param = new CfnParameter(this, 'AlexaSkillId', {
        type: 'String',
        description:
          'Alexa skill id (amzn1.ask.skill.…). The placeholder matches no skill: set it with -c alexaSkillId=… or --parameters.',
        default: ALEXA_SKILL_ID_PLACEHOLDER,
        allowedPattern: '^amzn1\\.ask\\.skill\\.[0-9a-f-]{36}$',
      });
      this.skillId = param.valueAsString;
      Annotations.of(this).addInfo(
        'No alexaSkillId in context: the skill id is the AlexaSkillId parameter (placeholder by default).',
      );
    }
    props.fn.addPermission('AlexaSkillInvoke', {
      principal: new ServicePrincipal('alexa-appkit.amazon.com'),
      action: 'lambda:InvokeFunction',
      eventSourceToken: this.skillId,
    });
    props.fn.addEnvironment(ENV.alexaSkillId, this.skillId);
  }
}
