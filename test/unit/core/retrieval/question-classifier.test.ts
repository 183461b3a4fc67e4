import { describe, expect, it } from 'vitest';
import { analyzeText } from '#core/retrieval/analyze-text.ts';
import {
  classifierFeatures,
  EXACT_CLASSES,
  scoreClassifier,
  trainQuestionClassifier,
} from '#core/retrieval/question-classifier.ts';
import type { ClassifierScores, TrainingExample } from '#core/retrieval/question-classifier.ts';
import { SparseScores } from '#core/retrieval/sparse-scores.ts';

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
const scoresOf = (r: ClassifierScores, n: number): number[] =>
  Array.from({ length: n }, (_, a) => r.logits.get(a) / r.norm);
const probsOf = (r: ClassifierScores, n: number): number[] =>
  Array.from({ length: n }, (_, a) => r.probability(a));
const best = (scores: number[]): number => scores.indexOf(Math.max(...scores));
const score = (
  model: ReturnType<typeof trainQuestionClassifier>,
  text: string,
  n = 3,
): ClassifierScores => scoreClassifier(model, analyzeText(text).all, n, new SparseScores(n));

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
    const password = score(model, 'password reset please');
    const order = score(model, 'please cancel this order');

    // Assert
    expect(best(scoresOf(password, 3))).toBe(0);
    expect(best(scoresOf(order, 3))).toBe(2);
    expect(probsOf(password, 3).reduce((x, y) => x + y, 0)).toBeCloseTo(1, 6);
  });

  it('learns the same weights from the same questions', () => {
    // Act
    const first = trainQuestionClassifier(examples, 3);
    const second = trainQuestionClassifier([...examples], 3);

    // Assert
    expect(JSON.stringify(second.weights.toData())).toBe(JSON.stringify(first.weights.toData()));
  });

  it('gives uniform probabilities to words it never saw, even Object property names', () => {
    // Arrange
    const model = trainQuestionClassifier(examples, 3);

    // Act
    const result = scoreClassifier(
      model,
      ['constructor', '__proto__', 'tostr'],
      3,
      new SparseScores(3),
    );

    // Assert
    expect(scoresOf(result, 3)).toEqual([0, 0, 0]);
    for (const p of probsOf(result, 3)) expect(p).toBeCloseTo(1 / 3, 6);
  });

  it('learns past EXACT_CLASSES articles too, with the hard negatives of each question', () => {
    // Arrange: more articles than the exact softmax covers, each with its own topic word.
    const n = EXACT_CLASSES + 44;
    const topic = (a: number): string =>
      `topic${String.fromCharCode(97 + (a % 26))}${String.fromCharCode(97 + (Math.floor(a / 26) % 26))}`;
    const many: TrainingExample[] = [];
    for (let a = 0; a < n; a++) {
      for (const text of [`how do i change the ${topic(a)}`, `${topic(a)} is not working`]) {
        many.push({ stems: analyzeText(text).all, article: a });
      }
    }

    // Act
    const model = trainQuestionClassifier(many, n);
    const hits = [0, 57, 123, n - 1].map((a) =>
      best(scoresOf(score(model, `problem with my ${topic(a)}`, n), n)),
    );

    // Assert
    expect(hits).toEqual([0, 57, 123, n - 1]);
  });

  it('scores as the sum over classifierFeatures, repeated stems and pairs counted once', () => {
    // Arrange: the definition, through the feature strings; stems with a space take that path too.
    const model = trainQuestionClassifier(examples, 3);
    const reference = (stems: string[]): number[] => {
      const features = classifierFeatures(stems);
      const sums = [0, 0, 0];
      for (const f of features) {
        const row = model.weights.get(f);
        for (let i = 0; row && i < row.length; i += 2) {
          sums[row[i] as number] =
            (sums[row[i] as number] as number) + (row[i + 1] as number) / 1000;
        }
      }
      return sums.map((s) => s / Math.sqrt(Math.max(1, features.length)));
    };
    const questions = [
      analyzeText('reset my password my password reset my password').all,
      analyzeText('where where is my order order').all,
      ['reset my', 'password', 'reset', 'my password'],
      [],
      ['order'],
    ];

    // Act
    const got = questions.map((stems) =>
      scoresOf(scoreClassifier(model, stems, 3, new SparseScores(3)), 3),
    );

    // Assert
    expect(got).toEqual(questions.map(reference));
  });
});
