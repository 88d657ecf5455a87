"use client";

import type { DriftReport } from "@roundhouse/contracts";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisTick, runColor, tooltipStyle } from "@/lib/chart-style";

/** Where the served predictions fell, bin for bin, against the holdout's at training time. */
export function PredictionDistributionChart({ prediction }: { prediction: DriftReport["prediction"] }) {
  const data = prediction.labels.map((label, i) => ({ label, training: prediction.training[i] ?? 0, served: prediction.served[i] ?? 0 }));
  return (
    <div className="h-56 w-full" data-testid="prediction-distribution">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis dataKey="label" tick={axisTick} interval={0} angle={-20} textAnchor="end" height={40} />
          <YAxis tick={axisTick} width={44} tickFormatter={(v) => `${Math.round(Number(v) * 100)}%`} />
          <Tooltip contentStyle={tooltipStyle} formatter={(v) => `${(Number(v) * 100).toFixed(1)}%`} />
          <Legend wrapperStyle={{ fontSize: 12 }} verticalAlign="top" />
          <Bar dataKey="training" name="holdout at training" fill={runColor(1)} isAnimationActive={false} />
          <Bar dataKey="served" name="served" fill={runColor(0)} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
