import { describe, expect, it } from 'vitest';
import { analyzeText } from '#core/retrieval/analyze-text.ts';
import {
  classifierFeatures,
  scoreClassifier,
  trainQuestionClassifier,
} from '#core/retrieval/question-classifier.ts';
import type { TrainingExample } from '#core/retrieval/question-classifier.ts';

const QUESTIONS: [string, number][] = [
  ['I forgot my password', 0],
  ['how do I reset my password', 0],
  ['the reset link has expired', 0],
  ['where is my order', 1],
  ['track my parcel', 1],
  ['when will my package arrive', 1],
  ['cancel my order', 2],
  ['I do not want the order anymore', 2],
  ['stop my order before it ships', 2],
];
const examples: TrainingExample[] = QUESTIONS.map(([text, article]) => ({
  stems: analyzeText(text).all,
  article,
}));
const best = (scores: Float64Array): number => scores.indexOf(Math.max(...scores));

describe('question classifier', () => {
  it('uses each stem and each adjacent pair of stems as a feature', () => {
    // Arrange
    const stems = ['reset', 'my', 'password'];

    // Act
    const features = classifierFeatures(stems);

    // Assert
    expect(features).toEqual(['reset', 'my', 'password', 'reset my', 'my password']);
  });

  it('points unseen phrasings to the article whose questions share their words', () => {
    // Arrange
    const model = trainQuestionClassifier(examples, 3);

    // Act
    const password = scoreClassifier(model, analyzeText('password reset please').all, 3);
    const order = scoreClassifier(model, analyzeText('please cancel this order').all, 3);

    // Assert
    expect(best(password.scores)).toBe(0);
    expect(best(order.scores)).toBe(2);
    expect(password.probs.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 6);
  });

  it('learns the same weights from the same questions', () => {
    // Act
    const first = trainQuestionClassifier(examples, 3);
    const second = trainQuestionClassifier([...examples], 3);

    // Assert
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('gives uniform probabilities to words it never saw, even Object property names', () => {
    // Arrange
    const model = JSON.parse(JSON.stringify(trainQuestionClassifier(examples, 3))) as ReturnType<
      typeof trainQuestionClassifier
    >;

    // Act
    const result = scoreClassifier(model, ['constructor', '__proto__', 'tostr'], 3);

    // Assert
    expect([...result.scores]).toEqual([0, 0, 0]);
    for (const p of result.probs) expect(p).toBeCloseTo(1 / 3, 6);
  });
});
