"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/client";
import { errorInfo } from "@/trpc/errors";
import type { ScoreModelDetail, ScoreModelListItem } from "@/trpc/types";
import { useToast } from "../ui/toast";

/**
 * Switching a model on/off, optimistically in both the list and the model's page cache:
 * the switch moves at once, rolls back with an error toast if the server refuses, and offers
 * Undo on success. Settling refetches, which picks up the rescore run that enabling starts.
 */
export function useSetEnabled() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const listKey = trpc.scoreModel.list.queryKey();

  const mutation = useMutation(
    trpc.scoreModel.setEnabled.mutationOptions({
      onMutate: async ({ key, enabled }) => {
        const getKey = trpc.scoreModel.get.queryKey({ key });
        await Promise.all([
          queryClient.cancelQueries({ queryKey: listKey }),
          queryClient.cancelQueries({ queryKey: getKey }),
        ]);
        const previousList = queryClient.getQueryData<ScoreModelListItem[]>(listKey);
        const previousModel = queryClient.getQueryData<ScoreModelDetail>(getKey);
        const now = new Date();
        queryClient.setQueryData<ScoreModelListItem[]>(listKey, (list) =>
          list?.map((m) => (m.key === key ? { ...m, enabled, enabledChangedAt: now } : m)),
        );
        queryClient.setQueryData<ScoreModelDetail>(getKey, (m) =>
          m ? { ...m, enabled, enabledChangedAt: now } : m,
        );
        return { previousList, previousModel };
      },
      onError: (error, { key, enabled }, context) => {
        if (context?.previousList) queryClient.setQueryData(listKey, context.previousList);
        if (context?.previousModel)
          queryClient.setQueryData(trpc.scoreModel.get.queryKey({ key }), context.previousModel);
        toast.error(
          `Could not switch ${enabled ? "on" : "off"} the model`,
          errorInfo(error).message,
        );
      },
      onSettled: (_data, _error, { key }) =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: listKey }),
          queryClient.invalidateQueries({ queryKey: trpc.scoreModel.get.queryKey({ key }) }),
        ]),
    }),
  );

  function setEnabled(model: { key: string; name: string }, enabled: boolean) {
    mutation.mutate(
      { key: model.key, enabled },
      {
        onSuccess: () =>
          toast.toast({
            tone: "success",
            title: enabled ? `${model.name} is on` : `${model.name} is off`,
            description: enabled
              ? "Rescoring all contacts with the latest published version."
              : "Its scores stay as they are and are marked stale.",
            action: {
              label: "Undo",
              onClick: () => mutation.mutate({ key: model.key, enabled: !enabled }),
            },
          }),
      },
    );
  }

  return { setEnabled, isPending: mutation.isPending, pendingKey: mutation.variables?.key };
}
