'use client';
import { ControlPlaneView } from '@/components/control-plane/control-plane-view';

/** `/control-plane`: etcd, the API server, the controller-manager and the scheduler as kubeadm lays them out. */
export default function ControlPlanePage() {
  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-2xl font-semibold">Control plane</h1>
        <p className="text-sm text-slate-500">Drydock&apos;s own processes as the static pods of the controlplane node: health, leader, and what each is doing now.</p>
      </header>
      <ControlPlaneView />
    </div>
  );
}
