/** The small part of jstat (https://github.com/jstat/jstat) this project uses; the package ships no types. */
declare module "jstat" {
  export const jStat: {
    chisquare: { cdf(x: number, dof: number): number };
    studentt: { cdf(x: number, dof: number): number; inv(p: number, dof: number): number };
    normal: { cdf(x: number, mean: number, sd: number): number; inv(p: number, mean: number, sd: number): number };
    median(values: number[]): number;
    quantiles(values: number[], probabilities: number[], alphap?: number, betap?: number): number[];
  };
}
